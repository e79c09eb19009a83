using MailKit.Net.Smtp;

namespace LeadMarket.Infrastructure.Mail;

/// <summary>
/// A mail could not be handed over. Its message names the kind of failure and the SMTP status only, never the
/// server's own words (they may repeat the recipient's address), so it can be logged and stored with an outbox row.
/// </summary>
public sealed class MailNotSentException : Exception
{
    public MailNotSentException()
        : base("The mail could not be sent.")
    {
    }

    public MailNotSentException(string message)
        : base(message)
    {
    }

    public MailNotSentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What may be said of a send failure: its type, and for an SMTP answer its status code.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException smtp => $"The mail could not be sent: the SMTP server answered {(int)smtp.StatusCode} ({smtp.ErrorCode}).",
        SmtpProtocolException => "The mail could not be sent: the SMTP exchange failed.",
        null => "The mail could not be sent.",
        _ => $"The mail could not be sent ({ex.GetType().Name}).",
    };
}
