using System.Text.Json;
using LowLatency.Analytics;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Engine;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Realtime;

/// <summary>
/// Wire text of events. Socket.IO (Engine.IO v4 message + Socket.IO v5 event): <c>42["name",{…}]</c>, or
/// <c>42/ws,["name",{…}]</c> on another namespace. Native WebSocket: <c>{"event":"name","data":{…}}</c>.
/// </summary>
public static class Frames
{
    /// <summary>camelCase like the REST routes; quotes and apostrophes left readable.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string SocketIo = "socket.io";
    public const string WebSocket = "websocket";

    public static string Event(string kind, string ns, string name, string json) => kind == SocketIo
        ? ns == "/" ? $"42[\"{name}\",{json}]" : $"42{ns},[\"{name}\",{json}]"
        : $"{{\"event\":\"{name}\",\"data\":{json}}}";

    /// <summary>The frontend's <c>price_update</c> payload, with the symbol exactly as subscribed.</summary>
    public static string PriceUpdate(string symbol, in PriceSummary p) => JsonSerializer.Serialize(new
    {
        symbol,
        price = p.Price,
        open = p.Open,
        high = p.High,
        low = p.Low,
        volume = p.Volume,
        change = p.Change,
        changePercent = p.ChangePercent,
        bid = p.Bid,
        ask = p.Ask,
        timestamp = Timestamps.Iso(p.TimestampMs),
        source = p.Source,
    }, Json);

    /// <summary>A candle as the market-data route returns them, plus symbol and timeframe.</summary>
    public static string Candle(string symbol, Timeframe timeframe, in OhlcvBar bar) => JsonSerializer.Serialize(new
    {
        symbol,
        timeframe = timeframe.Name(),
        time = Timestamps.Iso(bar.OpenTimeMs),
        date = Timestamps.Iso(bar.OpenTimeMs)[..10],
        open = bar.Open,
        high = bar.High,
        low = bar.Low,
        close = bar.Close,
        volume = bar.Volume,
    }, Json);
}
