from negotiation_sim.cli import main

raise SystemExit(main())
