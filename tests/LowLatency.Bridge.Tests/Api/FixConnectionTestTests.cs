using System.Net;
using LowLatency.Bridge.Tests.Support;
using LowLatency.QuickFix;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// <c>POST /api/broker/test-connection</c> with <c>brokerType: "fix"</c> opens a real session to QuickFIX's
/// executor: logon, a TestRequest answered, logout; and says truthfully when it cannot (refused, an unknown
/// CompID the acceptor drops, bad fields).
/// </summary>
[NonParallelizable]
public sealed class FixConnectionTestTests : StandaloneBridgeFixture
{
    private QuickFixAcceptor? _acceptor;
    private string _directory = "";

    [OneTimeSetUp]
    public async Task StartAcceptor()
    {
        _directory = Path.Combine(Path.GetTempPath(), "ll-fixui-" + Guid.NewGuid().ToString("N"));
        _acceptor = await QuickFixAcceptor.StartAsync(AcceptorKind.Executor, "FIX.4.4", ["LLUI"], _directory);
    }

    [OneTimeTearDown]
    public async Task StopAcceptor()
    {
        await _acceptor!.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task A_reachable_fix_acceptor_is_logged_on_to_tested_and_logged_out()
    {
        var (status, body) = await Post("/api/broker/test-connection",
            $$"""{"brokerType":"fix","fixHost":"127.0.0.1","fixPort":{{_acceptor!.Port}},"fixSenderCompId":"LLUI","fixTargetCompId":"QF","fixUsername":"u","fixPassword":"secret-pw","fixSslEnabled":false}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("connected").GetBoolean(), Is.True, body.ToString());
        Assert.That(body.GetProperty("message").GetString(), Does.Contain("Logged on").And.Contain("Heartbeat"));
        Assert.That(body.ToString(), Does.Not.Contain("secret-pw"), "credentials are not echoed");
        Assert.That(await _acceptor.WaitForLogAsync("\u000135=5\u0001", TimeSpan.FromSeconds(10), count: 2), Is.True, "logged out both ways");
        Assert.That(_acceptor.Log, Does.Contain("\u0001141=Y\u0001"), "a test logon resets the sequence numbers and stores nothing");
    }

    [Test]
    public async Task A_refused_port_an_unknown_session_and_bad_fields_are_told_apart()
    {
        var (_, refused) = await Post("/api/broker/test-connection",
            $$"""{"brokerType":"fix","fixHost":"127.0.0.1","fixPort":{{Paths.FreePort()}},"fixSenderCompId":"LLUI","fixTargetCompId":"QF"}""");
        Assert.That(refused.GetProperty("connected").GetBoolean(), Is.False);
        Assert.That(refused.GetProperty("message").GetString(), Does.Contain("ConnectionRefused"));

        var (_, unknown) = await Post("/api/broker/test-connection",
            $$"""{"brokerType":"fix","fixHost":"127.0.0.1","fixPort":"{{_acceptor!.Port}}","fixSenderCompId":"NOBODY","fixTargetCompId":"QF"}""");
        Assert.That(unknown.GetProperty("connected").GetBoolean(), Is.False, "QuickFIX drops a logon for a session it does not have");
        Assert.That(unknown.GetProperty("message").GetString(), Does.Contain("No FIX session"));

        foreach (var bad in new[]
        {
            """{"brokerType":"fix","fixPort":9876,"fixSenderCompId":"A","fixTargetCompId":"B"}""",
            """{"brokerType":"fix","fixHost":"h","fixPort":70000,"fixSenderCompId":"A","fixTargetCompId":"B"}""",
            """{"brokerType":"fix","fixHost":"h","fixPort":"x","fixSenderCompId":"A","fixTargetCompId":"B"}""",
            """{"brokerType":"fix","fixHost":"h","fixPort":9876,"fixSenderCompId":"A"}""",
            """{"brokerType":"fix","fixHost":"h","fixPort":9876,"fixSenderCompId":"A","fixTargetCompId":"B","fixVersion":"FIX.5.0"}""",
        })
        {
            Assert.That((await Post("/api/broker/test-connection", bad)).Status, Is.EqualTo(HttpStatusCode.BadRequest), bad);
        }
    }

    [Test]
    public async Task Fix_4_2_is_chosen_with_fixVersion()
    {
        var directory = Path.Combine(_directory, "fix42");
        await using var acceptor42 = await QuickFixAcceptor.StartAsync(AcceptorKind.Executor, "FIX.4.2", ["LLUI"], directory);
        var (_, body) = await Post("/api/broker/test-connection",
            $$"""{"brokerType":"fix","fixHost":"127.0.0.1","fixPort":{{acceptor42.Port}},"fixSenderCompId":"LLUI","fixTargetCompId":"QF","fixVersion":"FIX.4.2"}""");
        Assert.That(body.GetProperty("connected").GetBoolean(), Is.True, body.ToString());
        Assert.That(acceptor42.Log, Does.Contain("8=FIX.4.2"));
    }
}
