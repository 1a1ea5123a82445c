using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LowLatency.Cluster.Tests;

/// <summary>What the tests ask of a cluster bridge over HTTP, whether it runs in the test's process or its own.</summary>
public static class ClusterApi
{
    /// <summary>Sends a market order through the bridge until the shard has a price for it (its feed's first ticks), bounded: the acknowledged answer.</summary>
    public static JsonElement Order(HttpClient bridge, string symbol, string side, decimal quantity)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        var answer = default(JsonElement);
        Eventually.Until(() =>
        {
            using var response = bridge.PostAsync("/api/cluster/orders", Body(symbol, side, quantity)).GetAwaiter().GetResult();
            answer = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.UnprocessableEntity), answer.ToString());
            return response.StatusCode == HttpStatusCode.OK || !answer.GetProperty("detail").GetString()!.Contains("NoMarketData", StringComparison.Ordinal);
        }, $"{symbol} accepted");
        Assert.That(answer.GetProperty("success").GetBoolean(), Is.True, answer.ToString());
        return answer;
    }

    /// <summary>The body of a market order for <c>POST /api/cluster/orders</c>.</summary>
    public static StringContent Body(string symbol, string side, decimal quantity) =>
        new($$"""{"symbol":"{{symbol}}","side":"{{side}}","quantity":{{quantity.ToString(CultureInfo.InvariantCulture)}},"type":"market"}""", Encoding.UTF8, "application/json");
}
