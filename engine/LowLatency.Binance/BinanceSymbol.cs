namespace LowLatency.Binance;

/// <summary>
/// Binance's name for one of our symbols when the config gives none: the symbol itself when it is written as Binance
/// writes symbols (letters and digits only: <c>BNBUSDT</c>), else its first alias that is (<c>BTCUSDT</c> for
/// <c>BTC-USD</c>), else the symbol's letters and digits (<c>BTC-USDT</c> → <c>BTCUSDT</c>); upper case.
/// </summary>
public static class BinanceSymbol
{
    public static string Of(string symbol, IEnumerable<string>? aliases = null)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var plain = Plain(symbol) ? symbol : aliases?.FirstOrDefault(Plain);
        return (plain ?? new string([.. symbol.Where(char.IsAsciiLetterOrDigit)])).ToUpperInvariant();
    }

    private static bool Plain(string name) => name.Length > 0 && name.All(char.IsAsciiLetterOrDigit);
}
