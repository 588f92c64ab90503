fn main() {
    println!("small");
}
