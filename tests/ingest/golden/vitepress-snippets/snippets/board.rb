require "json"

# region board
def board(ticket)
  return "welcome aboard" if ticket.valid?
  "see the office"
end
# endregion board

puts board(JSON.parse(ARGV[0]))
