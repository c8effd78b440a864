"""Live lessons, the pure part: the game's flow (`game`) and its points and leaderboard (`points`). The database
and HTTP sides are in quiz/services/live.py and quiz/web/live.py."""
