"""bdg-plan: draft a commune's KẾ HOẠCH in the Decree 30/2020/NĐ-CP format from a YAML file."""

__version__ = "0.1.0"
