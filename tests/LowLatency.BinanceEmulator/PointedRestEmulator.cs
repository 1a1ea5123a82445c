namespace LowLatency.BinanceEmulator;

/// <summary>
/// A REST emulator that the process's Binance clients reach as an operator would point them: its address in
/// <c>LL_BINANCE_REST_URL</c> (spot) while it lives, the variable cleared when it is disposed. Process-wide, so the
/// tests that use it do not run in parallel.
/// </summary>
public sealed class PointedRestEmulator : IDisposable
{
    private const string Variable = "LL_BINANCE_REST_URL";

    public PointedRestEmulator(string apiKey = "k", string secret = "s")
    {
        Exchange = new BinanceRestEmulator(apiKey, secret);
        Environment.SetEnvironmentVariable(Variable, Exchange.BaseUrl.ToString());
    }

    public BinanceRestEmulator Exchange { get; }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, null);
        Exchange.Dispose();
    }
}
