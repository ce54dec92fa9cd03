using MemberGraph.Benchmarks;
using MemberGraph.Benchmarks.WritePath;

// --scenario home: the mini-program home query; --scenario write: recordOrder, refundOrder, claimCoupon, redeemCoupon.
// Each through /graphql versus the same work hand-written, in one process, over real HTTP (see the README, "Benchmark").
var options = BenchOptions.Parse(args);
return options.WritePath ? await WritePathBenchmark.RunAsync(options) : await HomeBenchmark.RunAsync(options);
