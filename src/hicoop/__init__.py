"""hicoop: the platform that runs the Hainan Open Innovation Cooperation Mechanism."""

__version__ = "0.1.0"
