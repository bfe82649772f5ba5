from fabbisogni.cli import main

main()
