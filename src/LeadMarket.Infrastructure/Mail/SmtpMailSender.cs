using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LeadMarket.Infrastructure.Mail;

/// <summary>Sends each message over SMTP (MailKit): one connection per message, with STARTTLS and authentication as configured.</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = options.Value;
        if (string.IsNullOrWhiteSpace(mail.Host))
        {
            throw new InvalidOperationException("Mail:Host is not configured; set it (or Mail:Delivery=Pickup) to send mail.");
        }

        using var client = new SmtpClient { Timeout = (int)mail.Timeout.TotalMilliseconds };
        await client.ConnectAsync(mail.Host, mail.Port, mail.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, ct);
        if (!string.IsNullOrEmpty(mail.User))
        {
            await client.AuthenticateAsync(mail.User, mail.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
