using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LowLatency.Chaos;

/// <summary>
/// Cycles of: load for a random while (sometimes an emergency stop), SIGKILL of the engine, the bridge or both at
/// a random moment, restart, then checks against what the clients were told: every acknowledged order and cancel
/// is there, the bridge agrees with the state replayed from the engine's journal, no order's status is stale,
/// and an acknowledged emergency stop is still in force. One line per cycle and a summary.
/// </summary>
public static class ChaosRun
{
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ChaosReport> RunAsync(int cycles, int seed, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var report = new ChaosReport();
        var random = new Random(seed);
        var data = Directory.CreateTempSubdirectory("ll-chaos-").FullName;
        using var system = new SystemProcesses(data);
        try
        {
            system.StartEngine();
            system.StartBridge();
            if (!await system.WaitConnectedAsync(RestartTimeout).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"engine and bridge did not come up; logs in {Path.Combine(data, "logs")}");
            }

            var load = new LoadGenerator(system.Http, system.BridgeAddress, new Random(seed + 1));
            var checkedOrders = new HashSet<string>();
            for (var cycle = 1; cycle <= cycles; cycle++)
            {
                report.Cycles++;
                using var stopLoad = new CancellationTokenSource();
                var running = load.RunAsync(stopLoad.Token);
                await Task.Delay(random.Next(300, 1_500)).ConfigureAwait(false);
                // An emergency stop before the kill on the second cycle and every fourth after it, and at random besides.
                var halted = (cycle % 4 == 2 || random.Next(4) == 0) && await PostAsync(system.Http, "/api/trading/emergency-stop").ConfigureAwait(false) == HttpStatusCode.OK;
                await Task.Delay(random.Next(0, 300)).ConfigureAwait(false);
                var victim = random.Next(3) switch { 0 => "engine", 1 => "bridge", _ => "both" };
                if (victim is "engine" or "both")
                {
                    system.KillEngine();
                }

                if (victim is "bridge" or "both")
                {
                    system.KillBridge();
                }

                await stopLoad.CancelAsync().ConfigureAwait(false);
                await running.ConfigureAwait(false);
                if (victim == "engine")
                {
                    // Otherwise the bridge, not yet aware of the death, would still say "connected".
                    await system.WaitDisconnectedAsync(RestartTimeout).ConfigureAwait(false);
                }

                if (victim is "engine" or "both")
                {
                    system.StartEngine();
                }

                if (victim is "bridge" or "both")
                {
                    system.StartBridge();
                }

                if (!await system.WaitConnectedAsync(RestartTimeout).ConfigureAwait(false))
                {
                    output.WriteLine($"cycle {cycle}: killed {victim}; the system did not come back within {RestartTimeout.TotalSeconds:F0} s");
                    continue;
                }

                report.RestartsOk++;
                var (lost, stale, mismatch, haltLost) = await CheckAsync(system, load, checkedOrders, halted).ConfigureAwait(false);
                report.AcknowledgedButLost += lost;
                report.StaleStatuses += stale;
                report.StateMismatches += mismatch ? 1 : 0;
                report.HaltsLost += haltLost ? 1 : 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"cycle {cycle}: killed {victim}{(halted ? " after an emergency stop" : "")}, restarted; {load.AcknowledgedOrders.Count} orders and {load.AcknowledgedCancels.Count} cancels acknowledged so far, {load.SocketMessages} socket messages; lost {lost}, stale {stale}, state {(mismatch ? "MISMATCH" : "ok")}, halt {(halted ? haltLost ? "LOST" : "kept" : "-")}"));
            }
        }
        finally
        {
            system.Dispose();
            output.WriteLine($"chaos: {report} (data in {data})");
        }

        if (report.Clean)
        {
            Directory.Delete(data, recursive: true);
        }

        return report;
    }

    /// <summary>After a restart: halts, acknowledgements, statuses and the journal's state against the bridge's.</summary>
    private static async Task<(int Lost, int Stale, bool Mismatch, bool HaltLost)> CheckAsync(SystemProcesses system, LoadGenerator load, HashSet<string> checkedOrders, bool halted)
    {
        var http = system.Http;
        var status = await StatusAsync(http).ConfigureAwait(false);
        var haltLost = halted && !(status.GetProperty("state").GetString() == "halted" && status.GetProperty("kill_switch").GetBoolean());
        if (status.GetProperty("state").GetString() == "halted")
        {
            // The operator's way back, so that the next cycles trade again.
            await PostAsync(http, "/api/trading/clear-halt").ConfigureAwait(false);
        }

        if (status.GetProperty("state").GetString() != "running")
        {
            await PostAsync(http, "/api/trading/start").ConfigureAwait(false);
        }

        // The journal's state and the bridge's must agree once both have the same last sequence.
        var mismatch = true;
        JsonElement journal = default;
        for (var attempt = 0; attempt < 20 && mismatch; attempt++)
        {
            journal = await system.JournalStateAsync().ConfigureAwait(false);
            var bridge = await StatusAsync(http).ConfigureAwait(false);
            mismatch = journal.GetProperty("lastSequence").GetInt64() != bridge.GetProperty("engine_sequence").GetInt64()
                || decimal.Round(journal.GetProperty("balance").GetDecimal(), 2) != bridge.GetProperty("paper_balance").GetDecimal()
                || journal.GetProperty("killSwitch").GetBoolean() != bridge.GetProperty("kill_switch").GetBoolean();
            if (mismatch)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        var workingInEngine = journal.GetProperty("workingOrders").EnumerateArray().Select(o => o.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).ToHashSet();
        int lost = 0, stale = 0;
        foreach (var (id, _) in load.AcknowledgedOrders)
        {
            if (checkedOrders.Contains(id) && !workingInEngine.Contains(id))
            {
                continue; // finished and checked before: nothing can change it now
            }

            if (await OrderAsync(http, id).ConfigureAwait(false) is not { } order)
            {
                lost++;
                continue;
            }

            // Finished in the engine but working on the bridge is stale, unless the bridge catches up at once. (Working in
            // the journal but finished on the bridge is the bridge being ahead: the order finished after the journal was read.)
            if (IsWorking(order) && !workingInEngine.Contains(id) && !await SettlesAsync(http, id).ConfigureAwait(false))
            {
                stale++;
            }

            if (load.AcknowledgedCancels.ContainsKey(id) && workingInEngine.Contains(id))
            {
                lost++; // a cancel the client was told succeeded is undone
            }

            checkedOrders.Add(id);
        }

        return (lost, stale, mismatch, haltLost);
    }

    /// <summary>Whether the bridge shows <paramref name="id"/> finished within a second (records in flight).</summary>
    private static async Task<bool> SettlesAsync(HttpClient http, string id)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await Task.Delay(50).ConfigureAwait(false);
            if (await OrderAsync(http, id).ConfigureAwait(false) is not { } order || !IsWorking(order))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWorking(JsonElement order) => order.GetProperty("status").GetString() is "accepted" or "partially_filled" or "pending" or "new";

    /// <summary>An order as the bridge shows it, or null when it does not know it (404); a 503 is waited out.</summary>
    private static async Task<JsonElement?> OrderAsync(HttpClient http, string id)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.GetAsync(new Uri($"/api/orders/{id}", UriKind.Relative)).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 100)
            {
                return null;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>The bridge's trading status; a 503 (the link resyncing) is waited out, a few seconds at most.</summary>
    private static async Task<JsonElement> StatusAsync(HttpClient http)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.GetAsync(new Uri("/api/trading/status", UriKind.Relative)).ConfigureAwait(false);
            if (response.IsSuccessStatusCode || attempt == 100)
            {
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, string path)
    {
        try
        {
            using var content = new StringContent("", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content).ConfigureAwait(false);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }
}
