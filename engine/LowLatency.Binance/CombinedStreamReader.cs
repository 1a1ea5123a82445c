using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>
/// Reads a combined-stream message's envelope (<c>{"stream":"btcusdt@depth@100ms","data":{…}}</c>) without
/// allocating: which stream it is, and the symbol the name begins with (lower case, a slice of the message), so
/// one connection can carry several streams of several symbols. Binance writes <c>stream</c> first.
/// </summary>
public static class CombinedStreamReader
{
    public static BinanceStreamKind Read(ReadOnlySpan<byte> json, out ReadOnlySpan<byte> symbol)
    {
        symbol = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName
                || !reader.ValueTextEquals("stream"u8) || !reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
            {
                return BinanceStreamKind.Unknown;
            }

            var name = reader.ValueSpan;
            var at = name.IndexOf((byte)'@');
            if (at <= 0)
            {
                return BinanceStreamKind.Unknown;
            }

            symbol = name[..at];
            var stream = name[(at + 1)..];
            return stream.SequenceEqual("bookTicker"u8) ? BinanceStreamKind.BookTicker
                : stream.SequenceEqual("trade"u8) || stream.SequenceEqual("aggTrade"u8) ? BinanceStreamKind.Trade
                : stream.StartsWith("depth"u8) ? BinanceStreamKind.Depth
                : stream.SequenceEqual("kline_1m"u8) ? BinanceStreamKind.Kline
                : stream.StartsWith("markPrice"u8) ? BinanceStreamKind.MarkPrice
                : BinanceStreamKind.Unknown;
        }
        catch (JsonException)
        {
            return BinanceStreamKind.Unknown;
        }
    }
}
