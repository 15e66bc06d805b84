"""Coach Rollout's command line and terminal app.

Importing this package, before any model is built, turns pydantic's plugins off: a plugin
installed anywhere in the environment would be handed every value the app validates, and a
plan's content is for its owner alone. (It also spares a scan of every installed package's
metadata at start-up.)
"""

import os

os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
