using System.Text;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;

namespace LowLatency.Fix.Tests.Session;

/// <summary>
/// Two of our sessions against the book acceptor (QuickFIX's session layer, FIX 4.4 and 4.2): a resting order is
/// replaced up under a new ClOrdID and keeps its fills, a cancel naming a ClOrdID the order no longer has is
/// refused, the status of an order is answered under its current ClOrdID whichever one asks, a replace below what
/// is filled is refused, and an unknown order's status says so.
/// </summary>
[TestFixture("FIX.4.4")]
[TestFixture("FIX.4.2")]
public sealed class BookSessionTests(string beginString)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly byte[] Symbol = "IBM"u8.ToArray();

    [Test]
    public async Task Replace_status_and_cancel_follow_the_order_through_its_ClOrdIDs()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ll-book-" + Guid.NewGuid().ToString("N"));
        await using var acceptor = await QuickFixAcceptor.StartAsync(AcceptorKind.Book, beginString, ["BUYER", "SELLER"], Path.Combine(directory, "acceptor"));
        try
        {
            var buyerApp = new RecordingApplication();
            var sellerApp = new RecordingApplication();
            await using var buyer = new FixSession(Options(acceptor, "BUYER", directory), buyerApp);
            await using var seller = new FixSession(Options(acceptor, "SELLER", directory), sellerApp);
            buyer.Start();
            seller.Start();
            Assert.That(await buyer.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, buyer.LastEvent);
            Assert.That(await seller.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, seller.LastEvent);

            // 10 at 100 rest; 4 sold into them.
            buyer.Send(MsgTypes.NewOrderSingle, Limit("B-", 1, 0, FixCodes.SideBuy, 10));
            await buyerApp.WaitForMessageAsync(Wait, "35=8|", "11=B-1|", "39=0|");
            seller.Send(MsgTypes.NewOrderSingle, Limit("S-", 1, 0, FixCodes.SideSell, 4));
            var partial = await buyerApp.WaitForMessageAsync(Wait, "35=8|", "11=B-1|", "39=1|");
            Assert.That(partial, Does.Contain("|14=4|").And.Contain("|31=100|"));

            // Replaced up to 15: a new ClOrdID, the 4 filled kept, 11 left.
            buyer.Send(MsgTypes.OrderCancelReplaceRequest, Replace(1, 1, 0, 15));
            var replaced = await buyerApp.WaitForMessageAsync(Wait, "35=8|", "150=5|", "11=B-1.1|");
            Assert.That(replaced, Does.Contain("|41=B-1|").And.Contain("|38=15|").And.Contain("|14=4|").And.Contain("|151=11|"));

            // A cancel naming the old ClOrdID is refused; the status asked by the old one comes back under the new.
            buyer.Send(MsgTypes.OrderCancelRequest, new OrderCancelRequest(Id("BC-", 1), Id("B-", 1), Symbol, FixCodes.SideBuy, 15, DateTime.UtcNow));
            var refused = await buyerApp.WaitForMessageAsync(Wait, "35=9|", "11=BC-1|");
            Assert.That(refused, Does.Contain("|434=1|"));
            buyer.Send(MsgTypes.OrderStatusRequest, new OrderStatusRequest(Id("B-", 1), Symbol, FixCodes.SideBuy));
            var status = await buyerApp.WaitForMessageAsync(Wait, "35=8|", beginString == "FIX.4.4" ? "150=I|" : "20=3|");
            Assert.That(status, Does.Contain("|11=B-1.1|").And.Contain("|39=1|").And.Contain("|14=4|").And.Contain("|38=15|"));

            // Below what is filled: refused as a replace; the order stands.
            buyer.Send(MsgTypes.OrderCancelReplaceRequest, Replace(1, 2, 1, 3));
            var tooSmall = await buyerApp.WaitForMessageAsync(Wait, "35=9|", "11=B-1.2|");
            Assert.That(tooSmall, Does.Contain("|434=2|").And.Contain("|39=1|"));

            // 11 more sold: filled at 15 under the replace's ClOrdID.
            seller.Send(MsgTypes.NewOrderSingle, Limit("S-", 2, 0, FixCodes.SideSell, 11));
            var filled = await buyerApp.WaitForMessageAsync(Wait, "35=8|", "11=B-1.1|", "39=2|");
            Assert.That(filled, Does.Contain("|14=15|").And.Contain("|151=0|"));

            // An order the book never had: its status says rejected.
            buyer.Send(MsgTypes.OrderStatusRequest, new OrderStatusRequest(Id("B-", 9), Symbol, FixCodes.SideBuy));
            var unknown = await buyerApp.WaitForMessageAsync(Wait, "35=8|", "11=B-9|");
            Assert.That(unknown, Does.Contain("|39=8|"));
            Assert.That((buyer.State, seller.State), Is.EqualTo((FixSessionState.Active, FixSessionState.Active)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ClOrdId Id(string prefix, long number, int version = 0) => new(Encoding.ASCII.GetBytes(prefix), number, version);

    private static NewOrderSingle Limit(string prefix, long id, int version, byte side, decimal quantity) =>
        new(Id(prefix, id, version), Symbol, side, quantity, FixCodes.OrdTypeLimit, 100m, 0, FixCodes.TifDay, DateTime.UtcNow);

    private static OrderCancelReplaceRequest Replace(long id, int version, int origVersion, decimal quantity) =>
        new(Id("B-", id, version), Id("B-", id, origVersion), Symbol, FixCodes.SideBuy, quantity, FixCodes.OrdTypeLimit, 100m, 0, FixCodes.TifDay, DateTime.UtcNow);

    private FixSessionOptions Options(QuickFixAcceptor acceptor, string sender, string directory) => new()
    {
        Host = "127.0.0.1", Port = acceptor.Port, BeginString = beginString, SenderCompId = sender, TargetCompId = QuickFixAcceptor.AcceptorCompId,
        HeartBtIntSeconds = 5, StoreDirectory = Path.Combine(directory, "store-" + sender),
    };
}
