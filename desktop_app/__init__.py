"""SayYes: make every job interview pay."""

__version__ = "0.1.0"
APP_NAME = "SayYes"
