using LowLatency.QuickFix;

namespace LowLatency.Engine.Host.Tests;

/// <summary>
/// Tests against one of QuickFIX's acceptors, started for each test in a temporary data directory (the engine's
/// and the acceptor's) and stopped after it; its log is printed when the test fails.
/// </summary>
public abstract class AcceptorTests(AcceptorKind kind, string beginString, params string[] sessions)
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>The FIX version the acceptor (and so the engine's session) speaks.</summary>
    protected string BeginString => beginString;

    protected string Data { get; private set; } = "";

    protected QuickFixAcceptor Acceptor { get; private set; } = null!;

    [SetUp]
    public async Task StartAcceptor()
    {
        Data = Directory.CreateTempSubdirectory($"ll-{kind.ToString().ToLowerInvariant()}-").FullName;
        Acceptor = await QuickFixAcceptor.StartAsync(kind, beginString, sessions, Path.Combine(Data, "acceptor"));
    }

    [TearDown]
    public async Task StopAcceptor()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine(Acceptor.Log);
        }

        await Acceptor.DisposeAsync();
        Directory.Delete(Data, recursive: true);
    }

    /// <summary>A command to the acceptor (the book's), confirmed by one more <paramref name="confirmation"/> in its log than before.</summary>
    protected async Task Command(string line, string confirmation)
    {
        var before = Acceptor.Occurrences(confirmation);
        await Acceptor.CommandAsync(line);
        Assert.That(await Acceptor.WaitForLogAsync(confirmation, Wait, count: before + 1), Is.True, $"{line}: {confirmation}");
    }
}
