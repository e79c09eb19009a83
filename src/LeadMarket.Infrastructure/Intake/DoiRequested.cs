using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// The outbox message the intake writes with a lead of a hosted double opt-in batch (in the same transaction as the
/// lead, which waits in <see cref="LeadState.AwaitingConfirmation"/>): the market is to send its confirmation mail.
/// Handled by <see cref="DoiRequestedHandler"/>. The payload is the lead's id only.
/// </summary>
public sealed record DoiRequested(Guid LeadId)
{
    public const string Type = "intake.doi-requested";

    public static string Payload(Guid leadId) => JsonSerializer.Serialize(new DoiRequested(leadId), DoiJson.Default.DoiRequested);

    public static DoiRequested Read(string payload) =>
        JsonSerializer.Deserialize(payload, DoiJson.Default.DoiRequested) ?? throw new JsonException("An empty intake.doi-requested payload.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DoiRequested))]
internal sealed partial class DoiJson : JsonSerializerContext;
