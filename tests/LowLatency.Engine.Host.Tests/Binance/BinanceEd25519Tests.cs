using LowLatency.Binance;
using LowLatency.BinanceEmulator;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// Ed25519 API keys: the signature against RFC 8032's test vectors (independent data), the key read from the PKCS#8
/// forms Binance has users make (PEM, or its base64 alone), keys we cannot sign with refused with the reason, and a
/// signed request the emulator verifies with the public half.
/// </summary>
public sealed class BinanceEd25519Tests
{
    // RFC 8032 section 7.1, TEST 1 and TEST 2: seed, public key, message, signature.
    [TestCase("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [TestCase("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    public void Signatures_match_RFC_8032(string seed, string publicKey, string message, string signature)
    {
        var key = BinanceEd25519Key.FromSeed(Convert.FromHexString(seed));
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(key.PublicKey), Is.EqualTo(publicKey));
            Assert.That(Convert.ToHexStringLower(key.Sign(Convert.FromHexString(message))), Is.EqualTo(signature));
        });
    }

    [Test]
    public void The_key_is_read_from_its_PKCS8_PEM_or_base64_and_signs_as_Binance_expects()
    {
        var (pem, der) = Pkcs8("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var fromPem = new BinanceCredentials("key", pem);
        var fromBase64 = new BinanceCredentials("key", der);
        const string payload = "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2&timestamp=1668481559918&recvWindow=5000";
        var expected = Uri.EscapeDataString(Convert.ToBase64String(BinanceEd25519Key.FromSeed(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
            .Sign(System.Text.Encoding.UTF8.GetBytes(payload))));
        Assert.Multiple(() =>
        {
            Assert.That(BinanceSignature.For(fromPem, payload), Is.EqualTo(expected), "base64, percent-encoded");
            Assert.That(BinanceSignature.For(fromBase64, payload), Is.EqualTo(expected));
            Assert.That(fromPem.ToString(), Does.Contain("Ed25519").And.Not.Contain("MC4CAQ"), "the secret never shown");
            Assert.That(new BinanceCredentials("key", "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j").Ed25519, Is.Null, "an HMAC secret");
        });
    }

    [TestCase("-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK==\n-----END RSA PRIVATE KEY-----", "not a PKCS#8 PRIVATE KEY")]
    [TestCase("-----BEGIN PRIVATE KEY-----\nMBMCAQAwCQYHKoZIzj0CAQQDBAEA\n-----END PRIVATE KEY-----", "not Ed25519")]
    [TestCase("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----", "not a whole PKCS#8 key")]
    public void Keys_we_cannot_sign_with_are_refused_with_the_reason(string secret, string why)
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new BinanceCredentials("key", secret));
        Assert.That(error!.Message, Does.Contain(why));
    }

    [Test]
    public async Task A_signed_request_with_an_Ed25519_key_passes_the_exchanges_check_and_a_wrong_key_fails_it()
    {
        var (pem, _) = Pkcs8("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        var registered = new BinanceCredentials("ed-key", pem).Ed25519!.PublicKey;
        using var exchange = new BinanceRestEmulator("ed-key", "", registered);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var good = await new BinanceRestClient(http, exchange.BaseUrl, BinanceMarket.Spot, new BinanceCredentials("ed-key", pem), RequestBudget.Spot()).AccountAsync(CancellationToken.None);
        var (other, _) = Pkcs8("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var bad = await new BinanceRestClient(http, exchange.BaseUrl, BinanceMarket.Spot, new BinanceCredentials("ed-key", other), RequestBudget.Spot()).AccountAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(good.Ok, Is.True, good.ToString());
            Assert.That(bad.Code, Is.EqualTo(-1022), "another key's signature is refused");
        });
    }

    [Test]
    [NonParallelizable] // the keys are environment variables
    public void A_PEM_secret_is_read_from_the_file_its_FILE_variable_names_and_an_unreadable_one_is_named()
    {
        var (pem, _) = Pkcs8("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var file = Path.Combine(Directory.CreateTempSubdirectory("ll-secret-").FullName, "binance.pem");
        File.WriteAllText(file, pem);
        string?[] saved = [Environment.GetEnvironmentVariable("LL_BINANCE_API_KEY"), Environment.GetEnvironmentVariable("LL_BINANCE_API_SECRET"), Environment.GetEnvironmentVariable("LL_BINANCE_API_SECRET_FILE")];
        try
        {
            Environment.SetEnvironmentVariable("LL_BINANCE_API_KEY", "file-key");
            Environment.SetEnvironmentVariable("LL_BINANCE_API_SECRET", null);
            Environment.SetEnvironmentVariable("LL_BINANCE_API_SECRET_FILE", file);
            var read = BinanceCredentials.FromEnvironment(BinanceMarket.Spot);
            Assert.That((read?.ApiKey, read?.Ed25519 is not null), Is.EqualTo(("file-key", true)));

            Environment.SetEnvironmentVariable("LL_BINANCE_API_SECRET_FILE", file + ".missing");
            var error = Assert.Throws<InvalidOperationException>(() => BinanceCredentials.FromEnvironment(BinanceMarket.Spot));
            Assert.That(error!.Message, Does.Contain("LL_BINANCE_API_SECRET_FILE").And.Contain(".missing"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("LL_BINANCE_API_KEY", saved[0]);
            Environment.SetEnvironmentVariable("LL_BINANCE_API_SECRET", saved[1]);
            Environment.SetEnvironmentVariable("LL_BINANCE_API_SECRET_FILE", saved[2]);
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    /// <summary>The PKCS#8 forms of an Ed25519 seed (what <c>openssl genpkey -algorithm ed25519</c> writes).</summary>
    private static (string Pem, string Base64) Pkcs8(string seedHex)
    {
        var der = Convert.ToBase64String(Convert.FromHexString("302e020100300506032b657004220420" + seedHex));
        return ($"-----BEGIN PRIVATE KEY-----\n{der}\n-----END PRIVATE KEY-----\n", der);
    }
}
