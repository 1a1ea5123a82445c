using System.Diagnostics;
using System.Net.Sockets;

namespace LowLatency.ClusterServers;

/// <summary>
/// A server process that a test starts, waits for on its loopback port, and kills with SIGKILL (as a crash would):
/// what the real servers the cluster tests run against (<see cref="NatsServer"/>, <see cref="PostgresServer"/>) share.
/// </summary>
public static class ServerProcess
{
    /// <summary>Starts <paramref name="info"/> with its output drained: a full pipe must not stall the process.</summary>
    public static Process Start(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Starts <paramref name="info"/> (its output drained) and returns once <paramref name="port"/> accepts a connection.</summary>
    public static Process StartListening(ProcessStartInfo info, int port, TimeSpan wait)
    {
        var process = Start(info);
        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                return process;
            }
            catch (SocketException) when (Environment.TickCount64 < deadline && !process.HasExited)
            {
                Thread.Sleep(20); // polling a port that is not open yet: no event to wait on
            }
        }
    }

    /// <summary>SIGKILL of the process and its children; no shutdown.</summary>
    public static void Kill(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
    }
}
