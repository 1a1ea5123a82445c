using System.Text;
using LowLatency.Binance;
using LowLatency.BinanceEmulator;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>Binance's own HMAC-SHA256 example (its API documentation, "SIGNED endpoint examples"): key, payload and signature are its data.</summary>
public sealed class BinanceSignatureTests
{
    private const string Secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private const string Payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    private const string Signature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

    [Test]
    public void The_documented_example_signs_to_the_documented_signature()
    {
        Assert.That(BinanceSignature.HmacSha256(Secret, Payload), Is.EqualTo(Signature));
    }

    [Test]
    public void The_span_form_writes_the_same_lowercase_hex_into_the_callers_buffer()
    {
        var destination = new byte[BinanceSignature.HexLength + 10];
        var written = BinanceSignature.HmacSha256(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(Payload), destination);
        Assert.That(Encoding.ASCII.GetString(destination, 0, written), Is.EqualTo(Signature));
    }

    [Test]
    public void A_buffer_too_small_for_the_signature_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BinanceSignature.HmacSha256("k"u8, "p"u8, new byte[63]));
    }

    [Test]
    public void A_changed_parameter_changes_the_signature()
    {
        Assert.That(BinanceSignature.HmacSha256(Secret, Payload.Replace("quantity=1", "quantity=2", StringComparison.Ordinal)), Is.Not.EqualTo(Signature));
    }
}
