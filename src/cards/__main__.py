from cards.cli import main

main()
