import sys

# region board
def board(ticket):
    if ticket.valid:
        return "welcome aboard"
    return "see the office"
# endregion board

if __name__ == "__main__":
    print(board(sys.argv[1]))
