using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadMarket.Infrastructure.Outbox;

/// <summary>One claimed outbox row, as its handler gets it.</summary>
/// <param name="Attempt">1 the first time the row is claimed; more after failures or a lapsed claim.</param>
public sealed record OutboxEnvelope(Guid Id, string Type, string Payload, int Attempt);

/// <summary>
/// Handles the outbox rows of one <see cref="Type"/>. Adding a handler is one class and one registration
/// (<see cref="OutboxHandlerRegistration.AddOutboxHandler{THandler}"/>).
/// <para>
/// A handler must be idempotent, keyed by <see cref="OutboxEnvelope.Id"/> (a marker row, or a guarded write such as
/// the unlock's "where still locked"): a node can stop after the work and before the completion, and the row is
/// then handed out again once its claim lapses. A handler that throws has the row retried with backoff.
/// </para>
/// </summary>
public interface IOutboxHandler
{
    /// <summary>The message type this handler takes (at most <see cref="OutboxMessage.MaxTypeLength"/> characters). One handler per type.</summary>
    string Type { get; }

    Task HandleAsync(OutboxEnvelope message, CancellationToken ct);
}

public static class OutboxHandlerRegistration
{
    /// <summary>Registers a handler (a singleton) with this node's outbox worker.</summary>
    public static IServiceCollection AddOutboxHandler<THandler>(this IServiceCollection services)
        where THandler : class, IOutboxHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxHandler, THandler>());
        return services;
    }
}
