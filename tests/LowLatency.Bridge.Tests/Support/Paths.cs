namespace LowLatency.Bridge.Tests.Support;

internal static class Paths
{
    public static readonly string Root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    public static string Config(string name) => Path.Combine(Root, "config", name);

    /// <summary>The link secret every test engine and bridge share (written into each engine's data directory).</summary>
    public static readonly byte[] LinkSecret = System.Text.Encoding.UTF8.GetBytes("test-link-secret-0123456789abcdef");

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
