"""The settings view: the hub's settings and its questionnaire templates."""
