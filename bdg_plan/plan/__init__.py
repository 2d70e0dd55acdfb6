"""The plan file: its bytes read (stage 1), its YAML loaded with positions (stage 2), its typed model.

Also the plan file written back (`yaml_write`) and the CSV files its tables name (`csv_tables`).
"""
