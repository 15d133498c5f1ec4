from cards.cli import main

main(prog_name="cards")
