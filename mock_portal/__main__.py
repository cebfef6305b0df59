from mock_portal.cli import main

raise SystemExit(main())
