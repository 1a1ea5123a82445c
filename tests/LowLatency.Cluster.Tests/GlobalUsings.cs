global using LowLatency.ClusterServers;
