namespace LowLatency.Binance;

/// <summary>Binance's name for one of our symbols when the config gives none: its letters and digits, upper case (<c>BTC-USDT</c> → <c>BTCUSDT</c>).</summary>
public static class BinanceSymbol
{
    public static string Of(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return new string([.. symbol.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
    }
}
