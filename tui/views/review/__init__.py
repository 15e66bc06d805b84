"""Review mode: walk the stages in a meeting, record outcomes and actions; the reviews kept."""
