using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security;

namespace CapMonster.Commands
{
    /// <summary>What Connect-CapMonster keeps for the session; parameters given to a cmdlet override each part.</summary>
    internal sealed class SessionConnection
    {
        internal SecureString? ApiKey { get; set; }

        /// <summary>The SecretManagement secret the key was read from, if it was.</summary>
        internal string? SecretName { get; set; }

        /// <summary>The vault given with the secret's name, if one was.</summary>
        internal string? Vault { get; set; }

        internal Uri? ServiceUri { get; set; }

        internal int? TimeoutSec { get; set; }

        internal int? MaximumRetryCount { get; set; }

        internal int? RetryIntervalSec { get; set; }

        internal Uri? WebProxy { get; set; }

        internal PSCredential? WebProxyCredential { get; set; }
    }

    /// <summary>
    /// Connections per runspace, so ForEach-Object -Parallel, thread jobs and separate runspaces never see each
    /// other's keys. Entries go away with their runspace.
    /// </summary>
    internal static class SessionStore
    {
        private static readonly ConditionalWeakTable<Runspace, SessionConnection> Connections = new();
        private static readonly object Gate = new();

        internal static SessionConnection? Current
        {
            get
            {
                Runspace? runspace = Runspace.DefaultRunspace;
                return runspace is not null && Connections.TryGetValue(runspace, out SessionConnection? connection) ? connection : null;
            }
        }

        internal static void Set(SessionConnection connection)
        {
            Runspace runspace = Runspace.DefaultRunspace ?? throw new InvalidOperationException("No runspace on this thread.");
            lock (Gate)
            {
                Connections.Remove(runspace);
                Connections.Add(runspace, connection);
            }
        }

        internal static bool Clear()
        {
            Runspace? runspace = Runspace.DefaultRunspace;
            lock (Gate)
            {
                return runspace is not null && Connections.Remove(runspace);
            }
        }
    }
}
