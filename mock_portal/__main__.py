from mock_portal.cli.commands import main

raise SystemExit(main())
