"""The input gate: the seeds (seeds.py), the ECB's rates a pinned package ships (ecb_rates.py), document quotes."""
