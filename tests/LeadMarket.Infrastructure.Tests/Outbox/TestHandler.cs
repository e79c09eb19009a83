using LeadMarket.Infrastructure.Outbox;

namespace LeadMarket.Infrastructure.Tests.Outbox;

/// <summary>An outbox handler of a test's own message type that runs what the test gives it.</summary>
internal sealed class TestHandler(string type, Func<OutboxEnvelope, CancellationToken, Task> handle) : IOutboxHandler
{
    public string Type { get; } = type;

    public Task HandleAsync(OutboxEnvelope message, CancellationToken ct) => handle(message, ct);
}
