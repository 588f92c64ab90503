// ANCHOR: all
fn main() {
    // ANCHOR: tide
    let high = 5.2;
    let low = 0.4;
    println!("range {}", high - low);
    // ANCHOR_END: tide
}
// ANCHOR_END: all
