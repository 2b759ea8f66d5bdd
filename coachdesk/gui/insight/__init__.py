"""Insight for the board: workforce headcounts and the coaching-culture tracker."""
