"""Scale work on SYNTHETIC detailed data, benchmarks and Apache Spark: synthetic_detail.py (make detail), bench.py
(make bench), bench_build.py (make bench-build), build_spark.py (make build-spark), bench_spark.py (make
bench-spark). Their SQL is in analyses/scale (ctw.analyses)."""
