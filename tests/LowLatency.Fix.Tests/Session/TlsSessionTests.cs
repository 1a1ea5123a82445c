using System.Text;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Tests.Support;
using LowLatency.QuickFix;

namespace LowLatency.Fix.Tests.Session;

/// <summary>
/// A session over TLS (SslStream) to QuickFIX's executor behind a TLS endpoint with its own certificate
/// authority: trusted through <see cref="FixSessionOptions.TlsCaFile"/> it logs on and an order is filled;
/// without it the handshake fails on the untrusted certificate and the session never logs on.
/// </summary>
public sealed class TlsSessionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Test]
    public async Task A_session_trusting_the_venues_authority_logs_on_over_tls_and_trades_and_one_that_does_not_never_logs_on()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ll-fix-tls-" + Guid.NewGuid().ToString("N"));
        await using var acceptor = await QuickFixAcceptor.StartAsync(AcceptorKind.Executor, "FIX.4.4", ["LL", "UNTRUSTING"], Path.Combine(directory, "acceptor"));
        await using var relay = new TlsRelay(acceptor.Port, directory);
        try
        {
            var app = new RecordingApplication();
            await using (var session = new FixSession(Options(relay, "LL", relay.CaFile), app))
            {
                session.Start();
                Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, session.LastEvent);
                session.Send(MsgTypes.NewOrderSingle, new NewOrderSingle(
                    new ClOrdId(Encoding.ASCII.GetBytes("LL-"), 1), "EURUSD"u8.ToArray(), FixCodes.SideBuy, 3, FixCodes.OrdTypeLimit, 1.1m, 0, FixCodes.TifDay, DateTime.UtcNow));
                var filled = await app.WaitForMessageAsync(Wait, "35=8|", "11=LL-1|", "39=2|");
                Assert.That(filled, Does.Contain("|14=3|"));
                await session.StopAsync();
            }

            await using var untrusting = new FixSession(Options(relay, "UNTRUSTING", caFile: null) with { MaxConnectAttempts = 1 }, new RecordingApplication());
            untrusting.Start();
            Assert.That(await untrusting.WaitForAsync(s => s == FixSessionState.Stopped, Wait), Is.True, untrusting.LastEvent);
            Assert.Multiple(() =>
            {
                Assert.That(untrusting.LastEvent, Does.Contain("certificate").IgnoreCase, "the client says why");
                Assert.That(untrusting.Metrics.Logons, Is.Zero);
                Assert.That(acceptor.Log, Does.Not.Contain("\u000149=UNTRUSTING\u0001"), "nothing reached the venue");
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static FixSessionOptions Options(TlsRelay relay, string sender, string? caFile) => new()
    {
        Host = "127.0.0.1", Port = relay.Port, BeginString = "FIX.4.4", SenderCompId = sender, TargetCompId = QuickFixAcceptor.AcceptorCompId,
        HeartBtIntSeconds = 5, UseTls = true, TlsCaFile = caFile, StoreDirectory = Path.Combine(Path.GetDirectoryName(relay.CaFile)!, "store-" + sender),
    };
}
