using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadMarket.Infrastructure.Outbox;

/// <summary>
/// The outbox message a lot's settlement writes for each purchase, in the writer's transaction: ids, the price and
/// the time, nothing personal. Its first handler unlocks the lead (<see cref="UnlockPurchaseHandler"/>); ledger
/// entries, webhooks and routing can follow it with handlers of their own types.
/// </summary>
public sealed record PurchaseSettled(Guid PurchaseId, Guid LotId, Guid LeadId, string BuyerId, decimal Price, DateTimeOffset SettledAt)
{
    public const string Type = "purchase.settled";

    public static string Payload(Guid purchaseId, Guid lotId, Guid leadId, string buyerId, decimal price, DateTimeOffset settledAt) =>
        JsonSerializer.Serialize(new PurchaseSettled(purchaseId, lotId, leadId, buyerId, price, settledAt), OutboxJson.Default.PurchaseSettled);

    public static PurchaseSettled Read(string payload) =>
        JsonSerializer.Deserialize(payload, OutboxJson.Default.PurchaseSettled) ?? throw new JsonException("An empty purchase.settled payload.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PurchaseSettled))]
internal sealed partial class OutboxJson : JsonSerializerContext;
