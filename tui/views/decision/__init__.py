"""Decision (tab 9): expand, modify or stop on the evidence, the next scope, and ROI claims."""
