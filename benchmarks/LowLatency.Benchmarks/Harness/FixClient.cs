using System.Diagnostics;
using System.Text;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;
using LowLatency.QuickFix;

namespace LowLatency.Benchmarks.Harness;

/// <summary>A FIX 4.4 session to QuickFIX's executor that sends one limit order at a time and waits for its ExecutionReport.</summary>
internal sealed class FixClient : IFixApplication, IDisposable
{
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("BENCH-");
    private static readonly byte[] Symbol = Encoding.ASCII.GetBytes("BTC-USD");
    private readonly QuickFixAcceptor _acceptor;
    private readonly FixSession _session;
    private long _reports;
    private long _next;

    public FixClient(string directory)
    {
        _acceptor = QuickFixAcceptor.StartAsync(AcceptorKind.Executor, "FIX.4.4", ["BENCH"], Path.Combine(directory, "acceptor"), keepLog: false).GetAwaiter().GetResult();
        _session = new FixSession(new FixSessionOptions
        {
            Host = "127.0.0.1", Port = _acceptor.Port, SenderCompId = "BENCH", TargetCompId = QuickFixAcceptor.AcceptorCompId, HeartBtIntSeconds = 30,
            StoreDirectory = Path.Combine(directory, "store"),
        }, this);
        _session.Start();
        if (!_session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException($"no FIX session with the executor: {_session.LastEvent}");
        }
    }

    public void RoundTrips(int orders, HistogramBase trips, HistogramBase sends)
    {
        for (var i = 0; i < orders; i++)
        {
            var expected = Volatile.Read(ref _reports) + 1;
            var order = new NewOrderSingle(new ClOrdId(Prefix, ++_next), Symbol, FixCodes.SideBuy, 0.01m, FixCodes.OrdTypeLimit, 65_000.5m, 0, FixCodes.TifDay, DateTime.UtcNow);
            var start = Stopwatch.GetTimestamp();
            _session.Send(MsgTypes.NewOrderSingle, order);
            Nanoseconds.Record(sends, start, Stopwatch.GetTimestamp());
            var spin = default(SpinWait);
            var deadline = start + (5 * Stopwatch.Frequency);
            while (Volatile.Read(ref _reports) < expected)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"no ExecutionReport within 5 s: {_session.LastEvent}");
                }

                spin.SpinOnce(sleep1Threshold: -1);
            }

            Nanoseconds.Record(trips, start, Stopwatch.GetTimestamp());
        }
    }

    public void OnLogon(FixSession session)
    {
    }

    public void OnLogout(FixSession session, string reason)
    {
    }

    public void FromApp(FixSession session, in FixMessageView message, ReadOnlySpan<byte> msgType, long seq, long token)
    {
        if (msgType.SequenceEqual(MsgTypes.ExecutionReport) && ExecutionReport.TryRead(message, out _, out _))
        {
            Interlocked.Increment(ref _reports);
        }
    }

    public void OnSessionReject(FixSession session, long refSeq, string text) => throw new InvalidOperationException($"the executor rejected {refSeq}: {text}");

    public void Dispose()
    {
        _session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _acceptor.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
