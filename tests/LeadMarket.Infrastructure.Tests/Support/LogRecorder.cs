using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Tests.Support;

/// <summary>A logger provider that keeps every log entry as text: message, structured values, scopes and exception.</summary>
public sealed class LogRecorder : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            owner.scopes.ForEachScope((scope, sb) => sb.Append(" | scope: ").Append(scope), text);
            if (exception is not null)
            {
                text.Append(" | ").Append(exception);
            }

            owner.entries.Enqueue(new LogEntry(category, logLevel, text.ToString()));
        }
    }
}

public sealed record LogEntry(string Category, LogLevel Level, string Text);
