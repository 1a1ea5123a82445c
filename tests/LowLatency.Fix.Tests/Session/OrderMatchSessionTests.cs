using System.Text;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Tests.Support;
using LowLatency.QuickFix;
using static LowLatency.Fix.Tests.Session.ExecutorSessionTests;

namespace LowLatency.Fix.Tests.Session;

/// <summary>
/// Two of our sessions against QuickFIX's ordermatch (a real FIX 4.2 matching book): a resting order is acknowledged,
/// a crossing order from the other session fills it partly, a cancel takes the rest off the book, and a cancel/replace
/// — which ordermatch does not support — comes back as a reject that leaves both sessions up.
/// </summary>
public sealed class OrderMatchSessionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Test]
    public async Task Orders_from_two_sessions_cross_partly_fill_and_cancel()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ll-om-" + Guid.NewGuid().ToString("N"));
        await using var acceptor = await QuickFixAcceptor.StartAsync(AcceptorKind.OrderMatch, "FIX.4.2", ["BUYER", "SELLER"], Path.Combine(directory, "acceptor"));
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

            // 10 to buy at 100 rests: acknowledged New.
            buyer.Send(MsgTypes.NewOrderSingle, Limit("B-", 1, FixCodes.SideBuy, 10, 100m));
            await buyerApp.WaitForMessageAsync(Wait, "35=8|", "11=B-1|", "39=0|");

            // 4 to sell at 99 crosses: both filled for 4 (ordermatch prices a cross at the incoming order's limit), the buyer partly.
            seller.Send(MsgTypes.NewOrderSingle, Limit("S-", 1, FixCodes.SideSell, 4, 99m));
            var sold = await sellerApp.WaitForMessageAsync(Wait, "35=8|", "11=S-1|", "39=2|");
            Assert.That(sold, Does.Contain("|14=4|").And.Contain("|31=99|"));
            var partial = await buyerApp.WaitForMessageAsync(Wait, "35=8|", "11=B-1|", "39=1|");
            Assert.That(partial, Does.Contain("|14=4|").And.Contain("|151=6|"));

            // The rest is cancelled.
            buyer.Send(MsgTypes.OrderCancelRequest, new OrderCancelRequest(Id("BC-", 1), Id("B-", 1), "IBM"u8.ToArray(), FixCodes.SideBuy, 10, DateTime.UtcNow));
            var cancelled = await buyerApp.WaitForMessageAsync(Wait, "35=8|", "11=B-1|", "39=4|");
            Assert.That(cancelled, Does.Contain("|14=4|"), "the filled part stays filled");

            // Cancel/replace is not in ordermatch: a reject, and the session carries on.
            buyer.Send(MsgTypes.NewOrderSingle, Limit("B-", 2, FixCodes.SideBuy, 5, 98m));
            await buyerApp.WaitForMessageAsync(Wait, "11=B-2|", "39=0|");
            var replace = buyer.Send(MsgTypes.OrderCancelReplaceRequest, new OrderCancelReplaceRequest(Id("BR-", 2), Id("B-", 2), "IBM"u8.ToArray(), FixCodes.SideBuy, 7, FixCodes.OrdTypeLimit, 97m, 0, FixCodes.TifDay, DateTime.UtcNow));
            var rejected = await buyerApp.WaitForMessageAsync(Wait, "35=j|", $"|45={replace}|");
            Assert.That(rejected, Does.Contain("|372=G|"), "a BusinessMessageReject naming the cancel/replace");
            Assert.That((buyer.State, seller.State), Is.EqualTo((FixSessionState.Active, FixSessionState.Active)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ClOrdId Id(string prefix, long number) => new(Encoding.ASCII.GetBytes(prefix), number);

    private static NewOrderSingle Limit(string prefix, long id, byte side, decimal quantity, decimal price) =>
        new(Id(prefix, id), "IBM"u8.ToArray(), side, quantity, FixCodes.OrdTypeLimit, price, 0, FixCodes.TifDay, DateTime.UtcNow);

    private static FixSessionOptions Options(QuickFixAcceptor acceptor, string sender, string directory) => new()
    {
        Host = "127.0.0.1", Port = acceptor.Port, BeginString = "FIX.4.2", SenderCompId = sender, TargetCompId = QuickFixAcceptor.AcceptorCompId,
        HeartBtIntSeconds = 5, StoreDirectory = Path.Combine(directory, "store"),
    };
}
