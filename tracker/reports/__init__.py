"""The periodic report: built from the tasks, shown, exported; plans and past reports read in."""
