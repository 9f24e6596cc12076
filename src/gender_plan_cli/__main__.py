from gender_plan_cli.cli import main

main()
