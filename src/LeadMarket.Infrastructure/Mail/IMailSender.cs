using MimeKit;

namespace LeadMarket.Infrastructure.Mail;

/// <summary>Hands a composed message over for delivery; throws when it could not (the caller's outbox row is then retried).</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
