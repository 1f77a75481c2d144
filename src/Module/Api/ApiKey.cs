using System;
using System.Runtime.InteropServices;
using System.Security;

namespace CapMonster.Api
{
    /// <summary>
    /// The API key, kept as a SecureString until a request body is written. It has no ToString that shows it, so
    /// passing it to a message or log by mistake prints a mask.
    /// </summary>
    internal sealed class ApiKey
    {
        private readonly SecureString secret;

        internal ApiKey(SecureString secret)
        {
            this.secret = secret.Copy();
            this.secret.MakeReadOnly();
        }

        internal static ApiKey FromPlainText(string key)
        {
            var secure = new SecureString();
            foreach (char c in key.Trim())
            {
                secure.AppendChar(c);
            }
            return new ApiKey(secure);
        }

        /// <summary>The key in clear text: only for the request body and for scrubbing it out of texts.</summary>
        internal string Reveal()
        {
            IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            try
            {
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        /// <summary>
        /// The key's last four characters (before any __suffix), to tell keys apart as account pages do; empty for a key shorter than 16
        /// characters, where four would give away too much of it.
        /// </summary>
        internal string LastFour
        {
            get
            {
                string key = WithoutSuffix(Reveal());
                return key.Length >= 16 ? key.Substring(key.Length - 4) : string.Empty;
            }
        }

        /// <summary>The key itself, without a __suffix (key__nocache): the suffix is an option, not part of the key.</summary>
        internal static string WithoutSuffix(string key)
        {
            int suffix = key.IndexOf("__", StringComparison.Ordinal);
            return suffix > 0 ? key.Substring(0, suffix) : key;
        }

        public override string ToString() => Redaction.Mask;
    }
}
