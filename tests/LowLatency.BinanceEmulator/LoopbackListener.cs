using System.Net;
using System.Net.Sockets;

namespace LowLatency.BinanceEmulator;

/// <summary>What both emulators stand on: an <see cref="HttpListener"/> on a free loopback port, and its accept loop until it is closed.</summary>
internal static class LoopbackListener
{
    /// <summary>Starts <paramref name="listener"/> on a free port; the port it took.</summary>
    public static int Start(HttpListener listener)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        return port;
    }

    /// <summary>Hands each request to <paramref name="serve"/>, one at a time, until the listener closes; a client that vanished mid-answer stops nothing.</summary>
    public static async Task AcceptAsync(HttpListener listener, Func<HttpListenerContext, Task> serve)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await serve(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or System.Net.WebSockets.WebSocketException)
            {
                // the client went while it was answered (a killed engine): the next one is served all the same
            }
        }
    }
}
